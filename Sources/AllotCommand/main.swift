import Allot

print("allot \(AllotModule.version)")
