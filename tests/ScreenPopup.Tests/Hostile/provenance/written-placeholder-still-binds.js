function popup(call) { var chat = JSON.parse(call.CALL_CHANNELDATA); return { onAnswer: 'https://crm.example/?t={$ACCESS_TOKEN}&page=' + encodeURIComponent(chat.page) }; }
