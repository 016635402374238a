function popup() { var n = Array.from('x'.repeat(1e6)).length; return { onAnswer: 'https://x.example/?' + n }; }
