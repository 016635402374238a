// The browser client's rules, run by Node's test runner against fakes of EventSource, window and fetch (node --test).
// ClientModuleNodeTests runs this file with the module path in SCREENPOPUP_CLIENT; real browsers are driven by
// WebClientBrowserTests.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pathToFileURL } from 'node:url';

const { ScreenPopupClient, bindPendingPlaceholders } = await import(pathToFileURL(process.env.SCREENPOPUP_CLIENT).href);

class FakeEventSource {
  static last = null;
  constructor(url, init) { this.url = url; this.init = init; this.listeners = {}; this.closed = false; this.readyState = 0; FakeEventSource.last = this; }
  addEventListener(type, listener) { (this.listeners[type] ||= []).push(listener); }
  close() { this.closed = true; this.readyState = 2; }
  emit(type, data, lastEventId = '') { for (const l of this.listeners[type] || []) { l({ data: JSON.stringify(data), lastEventId }); } }
}

class FakeWindow {
  constructor(name = '') { this.name = name; this.opened = []; this.blocked = false; }
  open(url, name) {
    if (this.blocked) { return null; }
    const handle = { url, name, closed: false, focused: 0, location: { href: url }, focus() { this.focused++; } };
    this.opened.push(handle);
    return handle;
  }
}

const NOW = Date.now();
const ring = (session, extra = {}) => decision('ring', session, extra);
function decision(trigger, session, { action = 'open', target = 'iframe', tabName = null, url = 'https://crm.example/' + session + '/' + trigger, decidedAt = NOW, reason = null, pending = [] } = {}) {
  return {
    decidedAt,
    interaction: { session, service: 'SUPPORT', channel: 'phone' },
    decision: { trigger, action, reason, url: action === 'open' ? url : null, pendingPlaceholders: pending, webClient: action === 'open' ? { target, tabName, focus: true } : null },
  };
}

function start(options = {}, ready = {}, windowName = '') {
  const window = new FakeWindow(windowName);
  const frame = { src: 'about:blank' };
  const client = new ScreenPopupClient({ EventSource: FakeEventSource, window, frame, ...options });
  const log = [];
  for (const type of ['ready', 'decision', 'applied', 'skipped', 'notice']) {
    client.addEventListener(type, (e) => log.push({ type, ...e.detail }));
  }
  client.start();
  const source = FakeEventSource.last;
  source.emit('ready', { agent: 'mrossi', serverTime: NOW, staleAfterMs: 30000, current: null, ...ready });
  return { client, source, window, frame, log, of: (type) => log.filter((e) => e.type === type) };
}

test('an iframe decision loads the frame', () => {
  const { source, frame, of } = start();
  source.emit('decision', ring('s1'), 'e-1');
  assert.equal(frame.src, 'https://crm.example/s1/ring');
  assert.equal(of('applied').length, 1);
});

test('a decision older than the stale age is not applied, measured on the server clock', () => {
  // The server's clock is an hour ahead of the browser's: its own times are fresh, 31 s before them is stale.
  const { source, frame, of } = start({}, { serverTime: NOW + 3_600_000 });
  source.emit('decision', ring('old', { decidedAt: NOW + 3_600_000 - 31_000 }));
  assert.equal(frame.src, 'about:blank');
  assert.equal(of('skipped')[0].reason, 'stale');
  source.emit('decision', ring('fresh', { decidedAt: NOW + 3_600_000 }));
  assert.equal(frame.src, 'https://crm.example/fresh/ring');
});

test('the page may set its own stale age', () => {
  const { source, of } = start({ staleAfterMs: 1000 });
  source.emit('decision', ring('s1', { decidedAt: NOW - 5000 }));
  assert.equal(of('skipped')[0].reason, 'stale');
});

test('a hangup or demand of an interaction that is not the current one is not applied', () => {
  const { source, frame, of } = start();
  source.emit('decision', ring('a'));
  source.emit('decision', ring('b'));
  source.emit('decision', decision('hangup', 'a'));
  source.emit('decision', decision('demand', 'a'));
  assert.deepEqual(of('skipped').map((e) => [e.decision.trigger, e.reason]), [['hangup', 'notCurrent'], ['demand', 'notCurrent']]);
  assert.equal(frame.src, 'https://crm.example/b/ring');
  source.emit('decision', decision('hangup', 'b'));
  assert.equal(frame.src, 'https://crm.example/b/hangup');
});

test('a page opened mid-call knows the current interaction from the ready event', () => {
  const { client, source, frame } = start({}, { current: { session: 'on-call', service: 'SUPPORT', channel: 'phone' } });
  assert.equal(client.currentInteraction.session, 'on-call');
  source.emit('decision', decision('hangup', 'on-call'));
  assert.equal(frame.src, 'https://crm.example/on-call/hangup');
});

test('a decision that does not pop clears the frame of another interaction, but not for a duplicate', () => {
  const { source, frame, of } = start();
  source.emit('decision', ring('a'));
  source.emit('decision', ring('a', { action: 'none', reason: 'duplicate' }));
  assert.equal(frame.src, 'https://crm.example/a/ring');
  source.emit('decision', ring('b', { action: 'none', reason: 'triggerNotAllowed' }));
  assert.equal(frame.src, 'about:blank');
  assert.deepEqual(of('notice').map((e) => e.kind), ['none', 'none']);
});

test('an error decision is an error notice', () => {
  const { source, of } = start();
  source.emit('decision', ring('a', { action: 'error', reason: 'scriptError' }));
  assert.equal(of('notice')[0].kind, 'error');
  assert.match(of('notice')[0].text, /ring: error\/scriptError/);
});

test('a new tab opens each time and takes the focus; a blocked one is a notice', () => {
  const { source, window, of } = start();
  source.emit('decision', ring('a', { target: 'newTab' }));
  source.emit('decision', ring('b', { target: 'newTab' }));
  assert.deepEqual(window.opened.map((w) => [w.name, w.focused]), [['_blank', 1], ['_blank', 1]]);
  window.blocked = true;
  source.emit('decision', ring('c', { target: 'newTab' }));
  assert.equal(of('notice')[0].kind, 'blocked');
  assert.equal(of('applied').length, 2);
});

test('a named tab opens with focus once, then reloads through its handle without focus; a closed one opens again', () => {
  const { source, window } = start();
  source.emit('decision', ring('a', { target: 'namedTab', tabName: 'crm' }));
  source.emit('decision', ring('b', { target: 'namedTab', tabName: 'crm' }));
  assert.equal(window.opened.length, 1, 'no second window.open: it would bring the tab to the front');
  assert.equal(window.opened[0].location.href, 'https://crm.example/b/ring');
  assert.equal(window.opened[0].focused, 1);
  window.opened[0].closed = true;
  source.emit('decision', ring('c', { target: 'namedTab', tabName: 'crm' }));
  assert.deepEqual(window.opened.map((w) => [w.url, w.focused]), [['https://crm.example/a/ring', 1], ['https://crm.example/c/ring', 1]]);
});

test('a host that cancels the decision event applies it itself', () => {
  const { client, source, frame, of } = start();
  client.addEventListener('decision', (e) => e.preventDefault());
  source.emit('decision', ring('a'));
  assert.equal(frame.src, 'about:blank');
  assert.equal(of('applied').length, 0);
  assert.equal(of('decision')[0].url, 'https://crm.example/a/ring');
});

test('pending placeholders are bound from what the page knows', () => {
  const { source, frame } = start({ known: { USERNAME: 'm rossi&x=1' } });
  source.emit('decision', ring('a', { url: 'https://crm.example/?op={$USERNAME}&o2=<$USERNAME>&s={$SYSTEM_USERNAME}', pending: ['USERNAME', 'SYSTEM_USERNAME'] }));
  assert.equal(frame.src, 'https://crm.example/?op=m%20rossi%26x%3D1&o2=m%20rossi%26x%3D1&s={$SYSTEM_USERNAME}');
});

test('a secret is bound into https and loopback http only', () => {
  const known = { ACCESS_TOKEN: 't0k' };
  const cases = {
    'https://crm.example/?t={$ACCESS_TOKEN}': true,
    'HTTPS://crm.example/?t={$ACCESS_TOKEN}': true,
    'http://localhost:8080/?t={$ACCESS_TOKEN}': true,
    'http://127.0.0.1/?t={$ACCESS_TOKEN}': true,
    'http://[::1]/?t={$ACCESS_TOKEN}': true,
    'http://crm.example/?t={$ACCESS_TOKEN}': false,
    'http://127.0.0.1.evil.example/?t={$ACCESS_TOKEN}': false,
    'http://localhost@evil.example/?t={$ACCESS_TOKEN}': false,
    'http://localhost.evil.example/?t={$ACCESS_TOKEN}': false,
    'ftp://localhost/?t={$ACCESS_TOKEN}': false,
    'not a url {$ACCESS_TOKEN}': false,
  };
  for (const [url, bound] of Object.entries(cases)) {
    assert.equal(bindPendingPlaceholders(url, ['ACCESS_TOKEN'], known).includes('t0k'), bound, url);
  }
});

test('only the page\'s own known values are bound, never inherited ones', () => {
  const known = Object.create({ USERNAME: 'inherited' });
  assert.equal(bindPendingPlaceholders('https://x.example/{$USERNAME}', ['USERNAME'], known), 'https://x.example/{$USERNAME}');
  assert.equal(bindPendingPlaceholders('https://x.example/{$__proto__}', ['__proto__'], {}), 'https://x.example/{$__proto__}');
});

test('the on-demand popup asks for the current interaction, or says there is none', async () => {
  const calls = [];
  const fetch = async (url, init) => { calls.push([url, init.method, init.headers['ScreenPopup-Demand']]); return { ok: calls.length === 1, status: 409, json: async () => ({ title: 'Not the current interaction' }) }; };
  const { client, source, of } = start({ fetch, endpoint: '/popups/', query: { tenant: 'a' } });
  assert.equal(await client.popup(), null);
  assert.equal(of('notice')[0].kind, 'noInteraction');
  assert.equal(calls.length, 0, 'nothing is asked without an interaction');
  source.emit('decision', ring('s 1'));
  await client.popup();
  assert.deepEqual(calls[0], ['/popups/demand?tenant=a&session=s+1', 'POST', '1'], 'the header a cross-site form cannot send');
  await client.popup();
  assert.equal(of('notice')[1].text, 'Not the current interaction');
});

test('the stream URL carries the host\'s query, and a restarted client resumes from the last event', () => {
  const { client, source } = start({ query: { agent: 'x' } });
  assert.equal(source.url, '/screenpopup/events?agent=x');
  source.emit('decision', ring('a'), 'abc-7');
  client.stop();
  assert.equal(source.closed, true);
  client.start();
  assert.equal(FakeEventSource.last.url, '/screenpopup/events?agent=x&lastEventId=abc-7');
});

test('a refused stream (which ends an EventSource for good) is started again, resuming, after a growing delay', (t) => {
  t.mock.timers.enable({ apis: ['setTimeout'] });
  const { client, source } = start();
  source.emit('decision', ring('a'), 'abc-3');
  source.readyState = 2;   // the browser gave up: a 502 from a proxy, a 401 once the sign-in expired
  source.emit('error', {});
  t.mock.timers.tick(999);
  assert.equal(FakeEventSource.last, source, 'not before the delay');
  t.mock.timers.tick(1);
  const second = FakeEventSource.last;
  assert.notEqual(second, source);
  assert.equal(second.url, '/screenpopup/events?lastEventId=abc-3');
  second.readyState = 2;
  second.emit('error', {});
  t.mock.timers.tick(1999);
  assert.equal(FakeEventSource.last, second, 'the second delay is longer');
  t.mock.timers.tick(1);
  assert.notEqual(FakeEventSource.last, second);
  client.stop();
});

test('a dropped connection is left to the browser, which reconnects by itself', () => {
  const { client, source } = start();
  const events = [];
  client.addEventListener('disconnected', (e) => events.push(e.detail.retryInMs));
  source.readyState = 0;   // CONNECTING: the browser retries
  source.emit('error', {});
  assert.deepEqual(events, [null]);
  assert.equal(FakeEventSource.last, source);
});

test('a resumed page takes the current interaction from the server: the ring it missed may be stale', () => {
  const { client, source, frame, of } = start();
  source.emit('decision', ring('a'));
  source.emit('ready', { agent: 'mrossi', serverTime: NOW, staleAfterMs: 30000, current: { session: 'b', service: 'SUPPORT', channel: 'phone' } });
  assert.equal(client.currentInteraction.session, 'b');
  source.emit('decision', decision('hangup', 'b'));
  assert.equal(frame.src, 'https://crm.example/b/hangup');
  assert.equal(of('skipped').length, 0);
});

test('a tab name that is a browser keyword opens a new tab, never the agent page itself', () => {
  const { source, window } = start();
  for (const name of ['_self', '_top', '_parent', '_blank', '_anything']) {
    source.emit('decision', ring('s' + name, { target: 'namedTab', tabName: name }));
  }
  assert.deepEqual(window.opened.map((w) => w.name), ['_blank', '_blank', '_blank', '_blank', '_blank']);
});

test('a tab named like the agent page\'s own window (or any window or frame) is opened under the client\'s prefix', () => {
  const { source, window } = start({}, {}, 'desk');
  source.emit('decision', ring('a', { target: 'namedTab', tabName: 'desk' }));
  source.emit('decision', ring('b', { target: 'namedTab', tabName: 'crm' }));
  assert.deepEqual(window.opened.map((w) => w.name), ['screenpopup:desk', 'screenpopup:crm']);
});

test('a page dropped before its first decision resumes from the ready event\'s id, not as a new page', (t) => {
  t.mock.timers.enable({ apis: ['setTimeout'] });
  const client = new ScreenPopupClient({ EventSource: FakeEventSource, window: new FakeWindow(), frame: { src: 'about:blank' } });
  client.start();
  const source = FakeEventSource.last;
  source.listeners.ready[0]({ data: JSON.stringify({ agent: 'mrossi', serverTime: NOW, staleAfterMs: 30000, current: null }), lastEventId: 'ep-5' });
  source.readyState = 2;
  source.emit('error', {});
  t.mock.timers.tick(1000);
  assert.equal(FakeEventSource.last.url, '/screenpopup/events?lastEventId=ep-5');
  client.stop();
});
