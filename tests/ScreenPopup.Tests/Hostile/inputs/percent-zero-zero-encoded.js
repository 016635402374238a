function popup(call) { return { onAnswer: 'https://crm.example/?cli=' + encodeURIComponent(call.CALL_CLI) }; }
