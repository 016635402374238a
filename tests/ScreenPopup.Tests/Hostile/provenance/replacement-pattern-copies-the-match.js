function popup(call) {
  var chat = JSON.parse(call.CALL_CHANNELDATA);
  return { onAnswer: 'https://crm.example/agent?token={$ACCESS_TOKEN}'.replace(/token=.*$/, chat.next) };
}
