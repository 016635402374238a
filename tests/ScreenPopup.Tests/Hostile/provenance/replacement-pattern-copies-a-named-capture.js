function popup(call) {
  var chat = JSON.parse(call.CALL_CHANNELDATA);
  return { onAnswer: 'https://crm.example/agent?token={$ACCESS_TOKEN}&c=C'.replace(/(?<t>token=[^&]*)&c=C/, chat.c) };
}
