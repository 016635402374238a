function popup() { var a = []; for (var i = 0; i < 24; i++) a = [a, a]; return { onAnswer: 'https://x.example/?' + JSON.stringify(a) }; }
