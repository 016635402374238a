function popup(call) { return { onAnswer: 'https://crm.example/?t=' + encodeURIComponent('{$ACCESS_TOKEN}') }; }
