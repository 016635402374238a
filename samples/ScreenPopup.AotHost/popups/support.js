function popup(call) {
  return {
    onAnswer: 'https://crm.example/contact?cli=' + encodeURIComponent(call.CALL_CLI) + '&op={$USERNAME}',
    webClientOpenNewTab: true,
    webClientTabName: 'crm'
  };
}
