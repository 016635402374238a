// The agent page of the sample: the package's browser client does the work (receiving decisions, applying them by the
// presentation rules, notices, the on-demand popup); the page only shows the connection and wires the Popup button.
import { ScreenPopupClient } from '/screenpopup/screenpopup.js';

const status = document.getElementById('status');
// What the page knows to bind placeholders the server left pending: here the agent's name, which is their USERNAME.
const known = {};
const client = new ScreenPopupClient({
  frame: document.getElementById('crm'),
  notices: document.getElementById('notices'),
  known,
});

client.addEventListener('ready', (event) => {
  document.getElementById('agent').textContent = event.detail.agent;
  known.USERNAME = event.detail.agent;
  status.textContent = 'connected';
  document.body.setAttribute('data-connected', 'true');
});
client.addEventListener('disconnected', () => { status.textContent = 'reconnecting…'; });
client.addEventListener('applied', (event) => {
  document.body.setAttribute('data-last', event.detail.decision.trigger + ':' + event.detail.target);
});
client.addEventListener('skipped', (event) => {
  document.body.setAttribute('data-skipped', event.detail.decision.trigger + ':' + event.detail.reason);
});
document.getElementById('demand').addEventListener('click', () => client.popup());
client.start();
