function popup() {
  function Species(source, flags) {
    var splitter = new RegExp(source, flags);
    Object.defineProperty(splitter, 'exec', { value: function () { return { length: 3e7, 0: '', index: 0 }; } });
    return splitter;
  }
  var r = /,/;
  Object.defineProperty(r, 'constructor', { value: { [Symbol.species]: Species } });
  return { onAnswer: 'https://x.example/?' + 'a,b'.split(r).length };
}
