package sandbox

// ParseFiscalFlag is parseFiscalFlag for the external tests.
var ParseFiscalFlag = parseFiscalFlag
