function popup(call) { return { onAnswer: 'https://crm.example/support?cli=' + encodeURIComponent(call.CALL_CLI) }; }
