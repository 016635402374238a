// ScreenPopup browser client: receives an agent's decisions from ScreenPopup.AspNetCore (MapScreenPopup's event stream)
// and applies them by the presentation rules, in the agent's page. An ES module with no dependencies; its types are in
// screenpopup.d.ts. Caller data is only ever set as text or as a URL the library checked, never as markup.

const SECRET_PLACEHOLDERS = ['USER_PASSWORD', 'ACCESS_TOKEN'];
const LOOPBACK_HOSTS = ['localhost', '127.0.0.1', '[::1]'];
const DEFAULT_NOTICE_SECONDS = 8;
const EVENT_SOURCE_CLOSED = 2;
const RECONNECT_DELAYS_MS = [1000, 2000, 5000, 10000, 30000];
// Tabs are opened under this prefix, so that no name a decision carries (a script may take it from call data) can
// name the agent page itself, one of its frames, a window around it, or a browser keyword such as _self.
const TAB_NAME_PREFIX = 'screenpopup:';

/**
 * Percent-encodes a value as the library binds placeholders: UTF-8, only the RFC 3986 unreserved characters
 * (A-Z a-z 0-9 - . _ ~) kept, an unpaired surrogate encoded as U+FFFD.
 */
export function encodePlaceholderValue(value) {
  const text = String(value).replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());
}

/**
 * Binds the placeholders the server left pending ({$NAME} and <$NAME>) with what the page knows, by the library's
 * rules: values percent-encoded; a name the page does not know (or knows as empty) stays as it is; a secret
 * (USER_PASSWORD, ACCESS_TOKEN) only into an https URL or an http URL of localhost, 127.0.0.1 or [::1].
 */
export function bindPendingPlaceholders(url, pending, known) {
  let bound = url;
  for (const name of pending || []) {
    const value = known && Object.prototype.hasOwnProperty.call(known, name) ? known[name] : null;
    if (value === null || value === undefined || value === '') {
      continue;
    }

    if (SECRET_PLACEHOLDERS.includes(name) && !allowsSecrets(url)) {
      continue;
    }

    const encoded = encodePlaceholderValue(value);
    bound = bound.split('{$' + name + '}').join(encoded).split('<$' + name + '>').join(encoded);
  }

  return bound;
}

function allowsSecrets(url) {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || (parsed.protocol === 'http:' && LOOPBACK_HOSTS.includes(parsed.hostname));
  } catch {
    return false;
  }
}

/**
 * The agent's side of ScreenPopup: connects to the event stream, keeps the agent's current interaction, and applies
 * each decision (iframe, new tab, named tab, notice). Events, for hosts that render their own UI:
 * - `ready`: connected; detail { agent, current }.
 * - `decision` (cancelable): a decision to apply; detail { decision, interaction, url }. preventDefault() applies nothing.
 * - `applied`: a decision was applied; detail { decision, interaction, url, target }.
 * - `skipped`: a decision was not applied; detail { decision, interaction, reason: 'stale' | 'notCurrent' }.
 * - `notice`: something to tell the agent; detail { kind: 'none' | 'error' | 'noInteraction' | 'blocked', text, decision }.
 * - `disconnected`: the stream dropped; detail { retryInMs }. The client reconnects and resumes: the browser does it for
 *   a dropped connection (retryInMs null); after a refusal (a proxy's 502 during a deploy, a 401 when the sign-in
 *   expired), which ends an EventSource for good, the client starts a new one after retryInMs (1 s, growing to 30 s).
 */
export class ScreenPopupClient extends EventTarget {
  #options;
  #window;
  #source = null;
  #reconnectTimer = null;
  #reconnects = 0;
  #lastEventId = '';
  #clockOffset = 0;
  #staleAfterMs;
  #current = null;
  #shownInFrame = null;
  #namedTabs = new Map();

  constructor(options = {}) {
    super();
    this.#options = {
      endpoint: '/screenpopup',
      query: {},
      known: {},
      frame: null,
      notices: null,
      noticeSeconds: DEFAULT_NOTICE_SECONDS,
      staleAfterMs: null,
      ...options,
    };
    this.#window = this.#options.window || globalThis.window;
    this.#staleAfterMs = this.#options.staleAfterMs;
  }

  /** The agent's current interaction ({ session, service, channel }), or null. */
  get currentInteraction() {
    return this.#current;
  }

  /** Connects to the event stream (again, resuming where it left off, after stop()). */
  start() {
    if (this.#source) {
      return;
    }

    const extra = this.#lastEventId ? { lastEventId: this.#lastEventId } : {};
    const EventSourceType = this.#options.EventSource || globalThis.EventSource;
    this.#source = new EventSourceType(this.#url('events', extra), { withCredentials: !!this.#options.withCredentials });
    this.#source.addEventListener('ready', (message) => {
      this.#lastEventId = message.lastEventId || this.#lastEventId;   // where the page stands, even before its first decision
      this.#ready(JSON.parse(message.data));
    });
    this.#source.addEventListener('decision', (message) => {
      this.#lastEventId = message.lastEventId;
      this.#receive(JSON.parse(message.data));
    });
    this.#source.addEventListener('error', () => this.#disconnected());
  }

  /** Closes the event stream. */
  stop() {
    clearTimeout(this.#reconnectTimer);
    this.#reconnectTimer = null;
    if (this.#source) {
      this.#source.close();
      this.#source = null;
    }
  }

  /**
   * Asks for a popup on demand for the agent's current interaction. The decision arrives (and is applied) through the
   * stream; the promise resolves to it, or to null when there is no current interaction (a notice says so).
   */
  async popup() {
    if (!this.#current) {
      this.#notice('noInteraction', 'No current interaction to pop.', null);
      return null;
    }

    const fetchFunction = this.#options.fetch || globalThis.fetch.bind(globalThis);
    const response = await fetchFunction(this.#url('demand', { session: this.#current.session }), {
      method: 'POST',
      headers: { 'ScreenPopup-Demand': '1' },
      credentials: this.#options.withCredentials ? 'include' : 'same-origin',
    });
    if (!response.ok) {
      const problem = await response.json().catch(() => ({}));
      const kind = response.status === 409 ? 'noInteraction' : 'error';
      this.#notice(kind, problem.title || 'The popup was refused (HTTP ' + response.status + ').', null);
      return null;
    }

    return response.json();
  }

  #disconnected() {
    if (!this.#source || this.#source.readyState !== EVENT_SOURCE_CLOSED) {
      this.dispatchEvent(new CustomEvent('disconnected', { detail: { retryInMs: null } }));
      return;
    }

    this.#source.close();
    this.#source = null;
    const retryInMs = RECONNECT_DELAYS_MS[Math.min(this.#reconnects++, RECONNECT_DELAYS_MS.length - 1)];
    this.#reconnectTimer = setTimeout(() => {
      this.#reconnectTimer = null;
      this.start();
    }, retryInMs);
    this.dispatchEvent(new CustomEvent('disconnected', { detail: { retryInMs } }));
  }

  #url(path, extra) {
    const base = this.#options.endpoint.replace(/\/+$/, '') + '/' + path;
    const query = new URLSearchParams({ ...this.#options.query, ...extra }).toString();
    return query ? base + '?' + query : base;
  }

  #ready(ready) {
    this.#clockOffset = Date.now() - ready.serverTime;
    if (this.#options.staleAfterMs === null || this.#options.staleAfterMs === undefined) {
      this.#staleAfterMs = ready.staleAfterMs;
    }

    this.#reconnects = 0;
    // The server knows the interaction the agent is on (a page opened mid-call, or one that was away while a new call
    // rang, whose ring is now stale); what it missed and may still apply comes after this event.
    if (ready.current) {
      this.#current = ready.current;
    }

    this.dispatchEvent(new CustomEvent('ready', { detail: { agent: ready.agent, current: this.#current } }));
  }

  #receive({ decidedAt, interaction, decision }) {
    const age = Date.now() - this.#clockOffset - decidedAt;
    if (age > this.#staleAfterMs) {
      this.#skip(decision, interaction, 'stale');
      return;
    }

    if (decision.trigger === 'ring' || decision.trigger === 'answer') {
      this.#current = interaction;
    } else if (!this.#current || this.#current.session !== interaction.session) {
      this.#skip(decision, interaction, 'notCurrent');
      return;
    }

    const url = decision.action === 'open' ? bindPendingPlaceholders(decision.url, decision.pendingPlaceholders, this.#options.known) : null;
    const proceed = this.dispatchEvent(new CustomEvent('decision', { cancelable: true, detail: { decision, interaction, url } }));
    if (!proceed) {
      return;
    }

    if (decision.action !== 'open') {
      this.#notice(decision.action === 'error' ? 'error' : 'none', describe(decision), decision);
      if (decision.reason !== 'duplicate' && this.#shownInFrame !== interaction.session) {
        this.#clearFrame();
      }

      return;
    }

    // A name starting with '_' is a browser keyword, not a tab ('_self' would replace this page): a new tab instead.
    // (The library already decides so; this page does not rely on it.)
    const tabName = decision.webClient.tabName;
    const target = decision.webClient.target === 'namedTab' && (!tabName || tabName.startsWith('_')) ? 'newTab' : decision.webClient.target;
    if (target === 'iframe') {
      this.#openInFrame(url, interaction);
    } else if (target === 'newTab') {
      const opened = this.#window.open(url, '_blank');
      if (!opened) {
        this.#notice('blocked', 'The browser blocked the popup: allow popups for this site.', decision);
        return;
      }

      opened.focus();
    } else if (!this.#openNamedTab(url, tabName, decision)) {
      return;
    }

    this.dispatchEvent(new CustomEvent('applied', { detail: { decision, interaction, url, target } }));
  }

  #openInFrame(url, interaction) {
    if (this.#options.frame) {
      this.#options.frame.src = url;
    }

    this.#shownInFrame = interaction.session;
  }

  // A named tab opens with focus the first time (named with TAB_NAME_PREFIX); afterwards the page navigates the handle
  // kept from that window.open,
  // which reloads it in the background (window.open(url, name) on an open tab brings it to the front in Chromium,
  // hiding the agent page). A tab the agent closed is opened again, with focus.
  #openNamedTab(url, name, decision) {
    const kept = this.#namedTabs.get(name);
    if (kept && !kept.closed) {
      kept.location.href = url;
      return true;
    }

    const tab = this.#window.open(url, TAB_NAME_PREFIX + name);
    if (!tab) {
      this.#notice('blocked', 'The browser blocked the popup: allow popups for this site.', decision);
      return false;
    }

    this.#namedTabs.set(name, tab);
    tab.focus();
    return true;
  }

  #clearFrame() {
    if (this.#options.frame && this.#shownInFrame !== null) {
      this.#options.frame.src = 'about:blank';
    }

    this.#shownInFrame = null;
  }

  #skip(decision, interaction, reason) {
    this.dispatchEvent(new CustomEvent('skipped', { detail: { decision, interaction, reason } }));
  }

  #notice(kind, text, decision) {
    this.dispatchEvent(new CustomEvent('notice', { detail: { kind, text, decision } }));
    const box = this.#options.notices;
    if (!box) {
      return;
    }

    const item = box.ownerDocument.createElement('span');
    item.className = 'screenpopup-notice ' + kind;
    item.textContent = text;
    box.insertBefore(item, box.firstChild);
    while (box.childNodes.length > 5) {
      box.removeChild(box.lastChild);
    }

    setTimeout(() => item.remove(), this.#options.noticeSeconds * 1000);
  }
}

function describe(decision) {
  return decision.trigger + ': ' + decision.action + '/' + decision.reason + (decision.message ? ' — ' + decision.message : '');
}
