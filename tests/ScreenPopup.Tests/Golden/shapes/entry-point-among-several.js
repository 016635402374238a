function helper(x) { return 'https://crm.example/?x=' + x; }
function main(call) { return { onAnswer: helper(call.CALL_CLI.length) }; }
