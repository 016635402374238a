function popup(call) {
  if (!call.CALL_CLI.startsWith('+39')) {
    throw new Error('foreign number');
  }
  return {};
}
