function popup(call) {
  return { onAnswer: call.CALL_MISSING.trim() };
}
