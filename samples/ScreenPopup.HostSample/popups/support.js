var crm = 'https://crm.example';

function popup(call) {
  return {
    onRing: crm + '/preview?cli=' + encodeURIComponent(call.CALL_CLI),
    onAnswer: crm + '/contact?cli=' + encodeURIComponent(call.CALL_CLI) + '&op={$USERNAME}',
    webClientOpenNewTab: true,
    webClientTabName: 'crm'
  };
}
