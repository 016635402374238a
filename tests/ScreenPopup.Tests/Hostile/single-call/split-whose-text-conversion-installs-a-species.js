function popup() {
  var r = /,/;
  function Evil() {
    var o = Object.create(RegExp.prototype);
    Object.defineProperty(o, 'exec', { value: function () { if (o.done) { return null; } o.done = true; o.lastIndex = 1; return { length: 3e7 }; } });
    return o;
  }
  var text = { toString: function () { Object.defineProperty(r, 'constructor', { value: { [Symbol.species]: Evil } }); return 'a,b'; } };
  return { onAnswer: 'https://x.example/?' + r[Symbol.split](text).length };
}
