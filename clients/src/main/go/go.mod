module ensemu.dev/clients/example

go 1.19

require github.com/ensemu/ens-client-go v0.0.0

// The client generated from the document at build time (target/go/ens-client-go).
replace github.com/ensemu/ens-client-go => ../ens-client-go
