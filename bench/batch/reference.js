var base = 'https://crm.example/contact';
function popup(call) {
  return {
    onRing: base + '?cli=' + encodeURIComponent(CALL_CLI),
    onAnswer: base + '?cli=' + encodeURIComponent(CALL_CLI) + '&op={$USERNAME}',
    onHangup: null,
    onDemand: null,
    webClientOpenNewTab: true,
    webClientTabName: 'crm'
  };
}
