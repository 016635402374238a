function popup() { var n = Map.groupBy('x'.repeat(1e6), function (c) { return c; }).size; return { onAnswer: 'https://x.example/?' + n }; }
