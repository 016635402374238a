function popup() { var n = Object.keys(Object.groupBy('x'.repeat(1e6), function (c, i) { return i % 2; })).length; return { onAnswer: 'https://x.example/?' + n }; }
