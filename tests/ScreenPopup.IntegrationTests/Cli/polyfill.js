if (!String.prototype.trimEnd) {
  String.prototype.trimEnd = function () { return this.replace(/\s+$/, ''); };
}
function popup(call) {
  return { onAnswer: 'https://crm.example/?cli=' + encodeURIComponent(call.CALL_CLI.trim()) };
}
