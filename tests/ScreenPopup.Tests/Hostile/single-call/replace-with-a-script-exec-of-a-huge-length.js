function popup() {
  var r = /a/;
  Object.defineProperty(r, 'exec', { value: function () { return { length: 3e7, 0: 'a', index: 0 }; } });
  return { onAnswer: 'https://x.example/?' + 'a'.replace(r, 'b') };
}
