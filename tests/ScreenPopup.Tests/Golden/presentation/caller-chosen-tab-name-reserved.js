// A tab named from call data: a caller whose number is "_self" would have window.open replace the agent's page.
function popup(call) {
  return { onRing: 'https://crm.example/?cli=' + encodeURIComponent(call.CALL_CLI), webClientOpenNewTab: true, webClientTabName: call.CALL_CLI };
}
