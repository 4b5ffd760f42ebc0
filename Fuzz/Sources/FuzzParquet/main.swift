import FuzzSupport

fuzzMain("FuzzParquet") { data, size in fuzzOne(data, size) }
