function popup(call) { return { onAnswer: 'https://crm.example/?amount=' + encodeURIComponent(new Intl.NumberFormat('it-IT').format(call.CALL_CHANNELDATA)) }; }
