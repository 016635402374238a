function popup(call) { return { onAnswer: 'https://crm.example/?name=' + encodeURIComponent(call.CALL_CHANNELDESCRIPTION.normalize('NFKC')) }; }
