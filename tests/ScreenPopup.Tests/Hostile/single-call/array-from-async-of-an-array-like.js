function popup() { var n = (Array.fromAsync({ length: 1e6 }), 1); return { onAnswer: 'https://x.example/?' + n }; }
