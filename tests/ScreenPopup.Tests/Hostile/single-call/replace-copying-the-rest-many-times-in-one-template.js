function popup() {
  var s = 'a'.repeat(100000);
  var r = s.replace('a', "$'".repeat(5000));
  return { onAnswer: 'https://x.example/?' + r.length };
}
