import DeltaCLI

DeltaCommand.main()
