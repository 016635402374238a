function popup() { var n = (Array.fromAsync('x'.repeat(1e6)), 1); return { onAnswer: 'https://x.example/?' + n }; }
