module fanin

go 1.26.8

require (
	github.com/hack-pad/safejs v0.1.1
	github.com/maxence-charriere/go-app/v10 v10.1.11
	golang.org/x/sync v0.25.0
)

require github.com/google/uuid v1.6.0 // indirect
