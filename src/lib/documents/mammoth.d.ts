// mammoth's prebuilt browser bundle has the same API as the package entry, which carries the types.
declare module 'mammoth/mammoth.browser.js' {
	import mammoth from 'mammoth';
	export default mammoth;
}
