function popup(call) { return { onAnswer: 'javascript:alert(' + JSON.stringify(call.CALL_CLI) + ')' }; }
