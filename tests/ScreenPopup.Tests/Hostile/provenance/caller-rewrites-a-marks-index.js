function popup(call) {
  var d = JSON.parse(call.CALL_CHANNELDATA);
  var url = 'https://crm.example/agent/{$USERNAME}/c?t={$ACCESS_TOKEN}&ref=' + encodeURIComponent(d.ref);
  return { onAnswer: url.replaceAll(d.a, d.b) };
}
