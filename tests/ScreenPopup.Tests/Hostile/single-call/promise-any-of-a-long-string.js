function popup() { var n = (Promise.any('x'.repeat(1e6)), 1); return { onAnswer: 'https://x.example/?' + n }; }
