// The SUPPORT service's popup: a CRM contact page, reused in the WebClient tab "crm".
var crm = 'https://crm.example';

function popup(call) {
  return {
    onRing: crm + '/preview?cli=' + encodeURIComponent(call.CALL_CLI),
    onAnswer: crm + '/contact?cli=' + encodeURIComponent(call.CALL_CLI) + '&op={$USERNAME}',
    onHangup: crm + '/wrap-up?session=' + encodeURIComponent(call.CALL_CHANNELSESSIONID),
    onDemand: crm + '/search?token={$ACCESS_TOKEN}',
    webClientOpenNewTab: true,
    webClientTabName: 'crm'
  };
}
