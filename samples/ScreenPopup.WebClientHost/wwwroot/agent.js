// Applies ScreenPopup decisions in the WebClient, as the library describes them:
//   iframe   -> load the URL in the page's CRM frame;
//   newTab   -> a new tab each time (it takes focus);
//   namedTab -> the tab of that name, reused (window.open(url, name)); focus only when it was not open yet;
//   none / error -> a non-blocking notice with the reason.
// Caller data is only ever set as text or as a URL the library checked; never as markup.
(function () {
  'use strict';
  var params = new URLSearchParams(location.search);
  var agent = params.get('agent') || 'mrossi';
  // What this page knows of the agent, for placeholders the server left pending (bound with the library's rules:
  // percent-encoded, RFC 3986 unreserved characters kept).
  var known = { USERNAME: agent };
  document.getElementById('agent').textContent = agent;

  function encode(value) {
    return encodeURIComponent(value).replace(/[!'()*]/g, function (c) { return '%' + c.charCodeAt(0).toString(16).toUpperCase(); });
  }

  function bindPending(url, pending) {
    pending.forEach(function (name) {
      if (Object.prototype.hasOwnProperty.call(known, name) && known[name]) {
        url = url.split('{$' + name + '}').join(encode(known[name])).split('<$' + name + '>').join(encode(known[name]));
      }
    });
    return url;
  }

  function notice(decision) {
    var item = document.createElement('span');
    item.className = 'notice' + (decision.action === 'error' ? ' error' : '');
    item.textContent = decision.trigger + ': ' + decision.action + '/' + decision.reason + (decision.message ? ' — ' + decision.message : '');
    var box = document.getElementById('notices');
    box.insertBefore(item, box.firstChild);
    while (box.childNodes.length > 5) { box.removeChild(box.lastChild); }
  }

  function apply(decision) {
    if (decision.action !== 'open') { notice(decision); return; }
    var url = bindPending(decision.url, decision.pendingPlaceholders || []);
    var web = decision.webClient;
    if (web.target === 'iframe') {
      document.getElementById('crm').src = url;
    } else if (web.target === 'newTab') {
      var opened = window.open(url, '_blank');
      if (opened) { opened.focus(); }
    } else {
      // window.open with a name navigates the tab of that name, or opens it; focus only a tab that was not open
      // (web.focus), so a reused tab reloads in the background.
      var tab = window.open(url, web.tabName);
      if (tab && web.focus) { tab.focus(); }
    }
    document.body.setAttribute('data-last', decision.trigger + ':' + web.target);
  }

  var events = new EventSource('/events?agent=' + encodeURIComponent(agent));
  events.onopen = function () { document.getElementById('status').textContent = 'connected'; document.body.setAttribute('data-connected', 'true'); };
  events.onmessage = function (message) { apply(JSON.parse(message.data)); };
  events.onerror = function () { document.getElementById('status').textContent = 'reconnecting…'; };

  document.getElementById('demand').addEventListener('click', function () {
    fetch('/simulate/demand?agent=' + encodeURIComponent(agent) + '&service=SUPPORT', { method: 'POST' });
  });
})();
