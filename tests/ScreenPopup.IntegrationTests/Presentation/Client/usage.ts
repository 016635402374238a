// How a host uses the browser client, type-checked against screenpopup.d.ts (tsc --strict --noEmit) by
// ClientModuleNodeTests: a declaration that drifts from what hosts write fails the build of this file.
import { ScreenPopupClient, bindPendingPlaceholders, encodePlaceholderValue, type Interaction, type PopupDecision } from './screenpopup.js';

const client = new ScreenPopupClient({
  endpoint: '/screenpopup',
  query: { tenant: 'a' },
  known: { USERNAME: 'mrossi', SYSTEM_USERNAME: null },
  frame: document.querySelector('iframe'),
  notices: document.getElementById('notices'),
  noticeSeconds: 5,
  staleAfterMs: 10_000,
});

client.addEventListener('ready', (event) => {
  const current: Interaction | null = event.detail.current;
  console.log(event.detail.agent, current?.session);
});
client.addEventListener('decision', (event) => {
  const decision: PopupDecision = event.detail.decision;
  if (decision.webClient?.target === 'namedTab' && event.detail.url !== null) {
    event.preventDefault();
  }
});
client.addEventListener('applied', (event) => console.log(event.detail.target, event.detail.interaction.service));
client.addEventListener('skipped', (event) => console.log(event.detail.reason === 'stale' || event.detail.reason === 'notCurrent'));
client.addEventListener('notice', (event) => console.log(event.detail.kind, event.detail.text, event.detail.decision?.trigger));
client.start();

async function popupOnDemand(): Promise<string | null> {
  const decision = await client.popup();
  return decision === null ? null : decision.action;
}

const url: string = bindPendingPlaceholders('https://crm.example/?u={$USERNAME}', ['USERNAME'], { USERNAME: 'a b' });
const encoded: string = encodePlaceholderValue('a b');
console.log(url, encoded, client.currentInteraction, popupOnDemand());
client.stop();
