function popup() {
  var r = /a/g;
  Object.defineProperty(r, 'flags', { get: function () {
    Object.defineProperty(r, 'exec', { value: function () { if (r.done) { return null; } r.done = true; return { length: 3e7, 0: 'a', index: 0 }; } });
    return 'g';
  } });
  return { onAnswer: 'https://x.example/?' + 'aaa'.replace(r, 'b') };
}
