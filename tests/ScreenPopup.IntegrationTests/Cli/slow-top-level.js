var seen = 0;
function popup(call) {
  popup.calls = (popup.calls || 0) + 1;
  return { onAnswer: 'https://crm.example/?cli=' + encodeURIComponent(call.CALL_CLI) };
}
