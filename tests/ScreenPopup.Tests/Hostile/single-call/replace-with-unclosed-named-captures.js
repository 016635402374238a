function popup() {
  var s = 'a'.replace(/(?<n>a)/, '$<'.repeat(499999));
  return { onAnswer: 'https://x.example/?' + s.length };
}
