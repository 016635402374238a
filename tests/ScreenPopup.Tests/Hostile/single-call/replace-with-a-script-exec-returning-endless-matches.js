function popup() {
  var n = 0;
  var re = /x/g;
  // Defined, not assigned: RegExp.prototype.exec keeps the frozen behaviour (docs/scripts.md).
  Object.defineProperty(re, 'exec', { value: function () { return n++ < 5000 ? { 0: '', index: 0, length: 1 } : null; } });
  var s = ''.replace(re, 'y'.repeat(900000));
  return { onAnswer: 'https://x.example/?' + s.length };
}
