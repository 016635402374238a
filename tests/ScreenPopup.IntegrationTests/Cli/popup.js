var base = 'https://crm.example/contact';
function popup(call) {
  return {
    onRing: base + '?cli=' + encodeURIComponent(call.CALL_CLI),
    onAnswer: base + '?cli=' + encodeURIComponent(call.CALL_CLI) + '&op={$USERNAME}',
    onDemand: base + '/search?token={$ACCESS_TOKEN}',
    webClientOpenNewTab: true,
    webClientTabName: 'crm'
  };
}
