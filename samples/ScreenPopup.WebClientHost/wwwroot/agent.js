// Applies ScreenPopup decisions in the WebClient, as the library describes them:
//   iframe   -> load the URL in the page's CRM frame;
//   newTab   -> a new tab each time (it takes focus);
//   namedTab -> the tab of that name: opened (with focus) the first time, then navigated through the handle kept from
//               that window.open, which reloads it in the background (window.open(url, name) on an open tab brings
//               it to the front in Chromium, hiding the agent page); reopened if the agent closed it;
//   none / error -> a non-blocking notice with the reason, which clears itself; for another interaction than the one
//                   the frame shows, the frame is cleared (never the previous caller's page beside a new call).
// The Popup button asks for a popup on demand for the agent's current interaction (the last one an event named).
// Caller data is only ever set as text or as a URL the library checked; never as markup.
(function () {
  'use strict';
  var params = new URLSearchParams(location.search);
  var agent = params.get('agent') || 'mrossi';
  // What this page knows of the agent, for placeholders the server left pending (bound with the library's rules:
  // percent-encoded, RFC 3986 unreserved characters kept).
  var known = { USERNAME: agent };
  // The named tabs this page opened, by name: navigating a kept handle never raises the tab.
  var namedTabs = {};
  // The agent's current interaction (the last one an event named), and the one whose page the frame shows.
  var current = null;
  var shownInFrame = null;
  var NOTICE_SECONDS = 8;
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
    setTimeout(function () { if (item.parentNode) { item.parentNode.removeChild(item); } }, NOTICE_SECONDS * 1000);
  }

  function apply(decision, interaction) {
    if (decision.trigger !== 'demand') { current = interaction; }
    if (decision.action !== 'open') {
      notice(decision);
      if (decision.reason !== 'duplicate' && shownInFrame !== interaction.session) {
        document.getElementById('crm').src = 'about:blank';
        shownInFrame = null;
      }
      return;
    }
    var url = bindPending(decision.url, decision.pendingPlaceholders || []);
    var web = decision.webClient;
    if (web.target === 'iframe') {
      document.getElementById('crm').src = url;
      shownInFrame = interaction.session;
    } else if (web.target === 'newTab') {
      var opened = window.open(url, '_blank');
      if (opened) { opened.focus(); }
    } else {
      var kept = namedTabs[web.tabName];
      if (kept && !kept.closed) {
        kept.location.href = url;   // allowed for a window this page opened, whatever its origin; stays behind
      } else {
        var tab = window.open(url, web.tabName);
        if (tab) { namedTabs[web.tabName] = tab; tab.focus(); }
      }
    }
    document.body.setAttribute('data-last', decision.trigger + ':' + web.target);
  }

  var events = new EventSource('/events?agent=' + encodeURIComponent(agent));
  events.onopen = function () { document.getElementById('status').textContent = 'connected'; document.body.setAttribute('data-connected', 'true'); };
  events.onmessage = function (message) { var event = JSON.parse(message.data); apply(event.decision, event.interaction); };
  events.onerror = function () { document.getElementById('status').textContent = 'reconnecting…'; };

  document.getElementById('demand').addEventListener('click', function () {
    if (!current) {
      notice({ trigger: 'demand', action: 'none', reason: 'noInteraction', message: 'no current interaction to pop' });
      return;
    }
    fetch('/simulate/demand?agent=' + encodeURIComponent(agent) + '&service=' + encodeURIComponent(current.service) +
      '&session=' + encodeURIComponent(current.session) + '&cli=' + encodeURIComponent(current.cli), { method: 'POST' });
  });
})();
