package main

import "testing"

// [octo] language reaches the screens' options, from which every
// flows.Order takes it (TestSandboxPageLanguageOnTheWire in ui reads it
// back from the wire); flows' default "ru" must not stand in for it.
func TestConfigOptionsCarryTheOCTOSettings(t *testing.T) {
	p := writeConfig(t, "[octo]\nlanguage = \"en\"\nttl_minutes = 20\nreturn_url = \"https://shop.test/back\"\n"+
		"[console]\nlanguage = \"uz\"\noperator = \"ali\"\n")
	cfg, err := LoadConfig(p, true, noEnv)
	if err != nil {
		t.Fatal(err)
	}
	o := configOptions(cfg, "/state/octo-cashier.log")
	if o.PageLanguage != "en" || o.Language != "uz" || o.TTLMinutes != 20 || o.ReturnURL != "https://shop.test/back" ||
		o.Operator != "ali" || o.Currency != "UZS" || o.ExportDir != "/state/exports" {
		t.Errorf("options: %+v", o)
	}
}
