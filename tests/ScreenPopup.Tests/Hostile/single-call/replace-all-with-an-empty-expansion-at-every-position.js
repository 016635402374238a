function popup() {
  var s = 'x'.repeat(100000).replaceAll('', '$&'.repeat(500000));
  return { onAnswer: 'https://x.example/?' + s.length };
}
