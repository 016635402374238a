function popup() { var n = 0; for (var s of new Intl.Segmenter('en').segment({ toString: function () { return 'x'.repeat(1e6); } })) { n++; } return { onAnswer: 'https://x.example/?' + n }; }
