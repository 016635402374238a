function popup(call) {
  var chat = JSON.parse(call.CALL_CHANNELDATA || '{}');
  var sso = 'https://crm.example/sso?token={$ACCESS_TOKEN}&returnUrl=RETURN_URL';
  return { onAnswer: sso.replace(/RETURN_URL/, chat.page || 'home') };
}
