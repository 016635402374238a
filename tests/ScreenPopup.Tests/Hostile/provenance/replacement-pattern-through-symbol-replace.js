function popup(call) {
  var chat = JSON.parse(call.CALL_CHANNELDATA);
  return { onAnswer: /R/[Symbol.replace]('https://crm.example/sso?token={$ACCESS_TOKEN}&r=R', chat.page) };
}
