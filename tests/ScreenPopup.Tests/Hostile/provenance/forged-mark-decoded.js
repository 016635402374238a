function popup(call) { return { onAnswer: 'https://crm.example/?u={$USERNAME}&q=' + decodeURIComponent(call.CALL_CLI) }; }
